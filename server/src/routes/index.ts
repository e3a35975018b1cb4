import admin from './admin';
import contentApi from './content-api';
import joinPage from './join-page';

export default {
  admin,
  'content-api': contentApi,
  'join-page': joinPage,
};
