export { APP_NAME, APP_VERSION } from '../config/app-root';
