import { HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';
import type { ApiResponseOptions } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

type PluginMetadata = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
type ControllerEntries = [Promise<Record<string, unknown>>, PluginMetadata][];

const successStatusOf = (method: object): number => {
  const explicit = Reflect.getMetadata(HTTP_CODE_METADATA, method) as number | undefined;
  if (explicit) return explicit;
  return Reflect.getMetadata(METHOD_METADATA, method) === RequestMethod.POST
    ? HttpStatus.CREATED
    : HttpStatus.OK;
};

/**
 * The Swagger plugin only adds a route's inferred success response when the route has no response decorator
 * at all; every protected route has some (401/403 from @Auth). This merges the inferred success type in.
 */
export async function applyInferredSuccessResponses(
  metadata: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const swagger = (await metadata())['@nestjs/swagger'] as
    { controllers?: ControllerEntries } | undefined;
  for (const [fileImport, classes] of swagger?.controllers ?? []) {
    const file = await fileImport;
    for (const [className, methods] of Object.entries(classes)) {
      const prototype = (file[className] as { prototype: Record<string, object> }).prototype;
      for (const [methodName, meta] of Object.entries(methods)) {
        if (Object.keys(meta).length === 0) continue;
        // A union return type is inferred as a bare Object: the route's own response decorator says more.
        if ((meta.type as unknown) === Object) continue;
        const descriptor = Object.getOwnPropertyDescriptor(prototype, methodName);
        if (!descriptor) continue;
        const options = {
          ...meta,
          status: successStatusOf(descriptor.value as object),
        } as ApiResponseOptions;
        ApiResponse(options, { overrideExisting: true })(prototype, methodName, descriptor);
      }
    }
  }
}

const operationsOf = (document: OpenAPIObject): OperationObject[] =>
  Object.values(document.paths).flatMap((path) =>
    Object.values(path).filter(
      (value): value is OperationObject =>
        typeof value === 'object' && value !== null && 'responses' in value,
    ),
  );

/** Every operation that takes input documents the 400 validation error in the common error shape. */
export function addValidationErrorResponses(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) {
    const takesInput =
      (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
    if (!takesInput || operation.responses['400']) continue;
    operation.responses['400'] = {
      description: 'Invalid input: the message and `details` name each bad field',
      content: { 'application/json': { schema: { $ref: getSchemaPath('ErrorResponseDto') } } },
    };
  }
}

/** Operations without a security requirement are public: `security: []` says so explicitly. */
export function markPublicOperations(document: OpenAPIObject): void {
  for (const operation of operationsOf(document)) operation.security ??= [];
}
