export { PLUGIN_ID } from '../../permissions';
