import { winston, formats } from '@strapi/logger';

// LOG_LEVEL=warn quiets the request log (the tests use it); the default shows every request.
const level = process.env.LOG_LEVEL || 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(formats.levelFilter(level), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
