export {
  AppConfig,
  rateLimitPolicyOf,
  type ProcessRole,
  type RateLimitPolicy,
  type RedisConnectionSettings,
} from './app-config';
export { AppConfigModule } from './config.module';
export { ConfigValidationError, loadEnvironment, validateEnvironment } from './environment.loader';
export { EnvironmentVariables } from './environment.schema';
