import { Module } from '@nestjs/common';
import { RateLimitStore } from './rate-limit-store';
import { RateLimiter } from './rate-limiter';

/** The API's rate limiter (README "Rate limits"); installed in the HTTP pipeline by `installHttpPipeline`. */
@Module({ providers: [RateLimitStore, RateLimiter], exports: [RateLimiter] })
export class RateLimitModule {}
