export class RootInfoDto {
  /** @example Hello World */
  message: string;
  /** @example ml-platform */
  name: string;
  /** @example 0.1.0 */
  version: string;
  /** Swagger UI. @example http://localhost:3000/docs */
  docs: string;
  /** OpenAPI JSON. @example http://localhost:3000/docs-json */
  openapi: string;
}
