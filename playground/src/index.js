'use strict';

const createDemoAdmin = require('./demo-admin');

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    await createDemoAdmin(strapi);
  },
};
