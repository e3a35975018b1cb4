// A new app's own: nothing to register or bootstrap. The smoke suite makes the first admin through
// the admin panel's registration, as a new owner does.
module.exports = {
  register() {},
  bootstrap() {},
};
