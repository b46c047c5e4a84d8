import { SetMetadata } from '@nestjs/common';

export const LEAN_ROUTE = 'http:lean-route';

/**
 * Serves this controller method ahead of Express and Nest's per-request pipeline (see `src/bootstrap/lean-routes.ts`
 * and README "Lean routes"). Everything else stays as declared on the method: path and HTTP method (`@Post`, `@Get`),
 * who may call it (`@Auth`, `@Public`), the status (`@HttpCode`), the `@Query()` and `@Body()` DTOs, `@Param()`s
 * with their pipes, custom parameter decorators (`@CurrentUser()`), `@UseInterceptors()` (run as Nest runs them, e.g.
 * a multipart upload's) with `@UploadedFile()` / `@UploadedFiles()`; the dispatcher reads them from Nest's metadata
 * once at boot and answers with the same auth, body parsing, validation, errors, request id, logs and CORS as the
 * Nest route. The app refuses to start when the method uses something the dispatcher does not run (request-scoped
 * providers or interceptors, its own guards, pipes or filters, `@Req()`, path patterns) or when another route of the
 * same method could match the same requests.
 */
export const LeanRoute = (): MethodDecorator => SetMetadata(LEAN_ROUTE, true);
