/**
 * Bad requests derived from an OpenAPI document: for every operation, one valid-looking baseline request and
 * many variants that each break one thing (a parameter's type or range, a body field, the body itself).
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  tags?: string[];
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

export interface CorpusCase {
  /** `METHOD /path/template`: the operation the case belongs to. */
  operation: string;
  /** What the case breaks. */
  breaks: string;
  method: string;
  /** Path with query string, already encoded. */
  url: string;
  contentType?: string;
  body?: string | Buffer;
  legacy: boolean;
}

/** A valid-looking id nothing has: path parameters of the baseline request. */
const UNKNOWN_ID = '0193b1f2-7c1e-7a42-9f0e-3d2a8c1b5e77';
const HUGE = '99999999999999999999';
const LONG = 'x'.repeat(10_000);
const deepArray = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** Values that break a parameter of the given schema (sent as query or path text). */
function badParameterValues(schema: Schema): [string, string][] {
  const values: [string, string][] = [
    ['NUL byte', 'a\u0000b'],
    ['10 000 characters', LONG],
    ['empty', ''],
  ];
  const type = schema.type;
  if (type === 'number' || type === 'integer' || type === 'boolean') {
    values.push(['not a number', 'abc'], ['object notation', '{"a":1}']);
  }
  if (type === 'number' || type === 'integer') {
    values.push(
      ['huge', HUGE],
      ['tiny', `-${HUGE}`],
      ['overflowing double', '1e309'],
      ['fraction', '0.5'],
      ['NaN', 'NaN'],
      ['hexadecimal', '0x10'],
    );
    if (schema.minimum !== undefined) values.push(['below minimum', String(schema.minimum - 1)]);
    if (schema.maximum !== undefined) values.push(['above maximum', String(schema.maximum + 1)]);
  }
  if (schema.enum) values.push(['not in enum', 'not-a-member']);
  return values;
}

export class OpenApiCorpus {
  private samples = 0;

  constructor(private readonly document: OpenApiDocument) {}

  private resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return this.resolve(this.document.components?.schemas?.[name]);
    }
    const composed = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    return composed ? this.resolve(composed[0]) : schema;
  }

  /** A plausible valid value of a schema: its example, default, first enum member or a typed placeholder. */
  sample(raw: Schema | undefined, depth = 0): unknown {
    const schema = this.resolve(raw);
    // Example names, e.g. a username, get a fresh prefix each time: a case must not be answered 409 only because
    // an earlier case created the same record, or what it breaks would never reach the database.
    if (
      typeof schema.example === 'string' &&
      (schema.format ?? 'email') === 'email' &&
      !schema.enum
    )
      return `c${(this.samples += 1)}${schema.example}`;
    if (schema.example !== undefined) return schema.example;
    if (schema.default !== undefined) return schema.default;
    if (schema.enum) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return schema.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 4 ? [] : [this.sample(schema.items, depth + 1)];
      case 'object':
        // Only the required fields: an optional one (an unknown owner id, say) could stop the request early.
        return Object.fromEntries(
          Object.entries(schema.properties ?? {})
            .filter(([name]) => schema.required?.includes(name))
            .map(([name, property]) => [name, this.sample(property, depth + 1)]),
        );
      default:
        return schema.format === 'uuid' ? UNKNOWN_ID : 'sample'.padEnd(schema.minLength ?? 0, '-');
    }
  }

  cases(): CorpusCase[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        this.casesOf(method.toUpperCase(), path, operation),
      ),
    );
  }

  private casesOf(method: string, template: string, operation: Operation): CorpusCase[] {
    const parameters = operation.parameters ?? [];
    const pathValues = Object.fromEntries(
      parameters.filter((p) => p.in === 'path').map((p) => [p.name, UNKNOWN_ID]),
    );
    const queryValues: Record<string, string> = Object.fromEntries(
      parameters
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => [p.name, String(this.sample(p.schema))]),
    );
    const jsonSchema = operation.requestBody?.content['application/json']?.schema;
    const multipart = operation.requestBody?.content['multipart/form-data'] !== undefined;
    const baselineBody = (): unknown => (jsonSchema ? this.sample(jsonSchema) : undefined);
    const base = {
      operation: `${method} ${template}`,
      method,
      legacy: operation.tags?.includes('legacy') ?? false,
    };
    const url = (path: Record<string, string>, query: Record<string, string>): string => {
      const filled = template.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(path[name] ?? UNKNOWN_ID),
      );
      const search = new URLSearchParams(query).toString();
      return search ? `${filled}?${search}` : filled;
    };
    const json = (body: string): Partial<CorpusCase> => ({ contentType: 'application/json', body });
    const withBody = (): Partial<CorpusCase> =>
      jsonSchema ? json(JSON.stringify(baselineBody())) : {};
    const cases: CorpusCase[] = [];
    const add = (breaks: string, target: string, extra: Partial<CorpusCase> = {}): void => {
      cases.push({ ...base, breaks, url: target, ...withBody(), ...extra });
    };

    for (const parameter of parameters) {
      const schema = this.resolve(parameter.schema);
      for (const [what, value] of badParameterValues(schema)) {
        const breaks = `${parameter.in} ${parameter.name}: ${what}`;
        if (parameter.in === 'path') {
          add(breaks, url({ ...pathValues, [parameter.name]: value }, queryValues));
        } else if (parameter.in === 'query') {
          add(breaks, url(pathValues, { ...queryValues, [parameter.name]: value }));
        }
      }
      if (parameter.in === 'query') {
        const repeated = `${url(pathValues, queryValues)}${Object.keys(queryValues).length ? '&' : '?'}`;
        add(
          `query ${parameter.name}: given twice`,
          `${repeated}${parameter.name}=1&${parameter.name}=2`,
        );
      }
    }
    const target = url(pathValues, queryValues);
    add('unknown query parameter', `${target}${target.includes('?') ? '&' : '?'}unknown_field=1`);

    if (jsonSchema) cases.push(...this.bodyCases(base, target, jsonSchema, baselineBody));
    if (multipart) cases.push(...multipartCases(base, target));
    if (jsonSchema || multipart) {
      add('deeply nested JSON body', target, json(deepArray(20_000)));
      add('plain-text body', target, { contentType: 'text/plain', body: 'hello' });
      add('XML body', target, { contentType: 'application/xml', body: '<a>1</a>' });
    }
    return cases;
  }

  private bodyCases(
    base: Pick<CorpusCase, 'operation' | 'method' | 'legacy'>,
    url: string,
    raw: Schema,
    baseline: () => unknown,
  ): CorpusCase[] {
    const json = (breaks: string, body: unknown): CorpusCase => ({
      ...base,
      breaks: `body: ${breaks}`,
      url,
      contentType: 'application/json',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const cases = [
      json('empty object', {}),
      json('array instead of object', [baseline()]),
      json('null', 'null'),
      json('a bare string', '"text"'),
      json('a bare number', '42'),
      json('truncated', JSON.stringify(baseline()).slice(0, -1)),
      json('unknown field', { ...(baseline() as object), unknown_field: 1 }),
      json('NUL byte in a key', { ...(baseline() as object), 'a\u0000b': 1 }),
      json('deeply nested field', {
        ...(baseline() as object),
        nested: JSON.parse(deepArray(1_000)) as unknown,
      }),
    ];
    const schema = this.resolve(raw);
    const first = Object.keys(schema.properties ?? {})[0];
    if (first)
      cases.push(
        json(`${first}: 900 000 characters`, {
          ...(baseline() as object),
          [first]: 'y'.repeat(900_000),
        }),
      );
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const resolved = this.resolve(property);
      const numeric = resolved.type === 'number' || resolved.type === 'integer';
      const variants: [string, unknown][] = [
        ['null', null],
        ['an object', { a: 1 }],
        ['an array', [1, 2]],
        resolved.type === 'string' ? ['a number', 42] : ['a string', 'text'],
        ...(resolved.type === 'string' || resolved.type === undefined
          ? ([
              ['a NUL byte', 'a\u0000b'],
              ['10 000 characters', LONG],
            ] as [string, unknown][])
          : []),
        ...(numeric
          ? ([
              ['huge number', 1e308],
              ['tiny number', -1e308],
              ['a fraction', 0.5],
            ] as [string, unknown][])
          : []),
      ];
      if (resolved.minimum !== undefined) variants.push(['below minimum', resolved.minimum - 1]);
      if (resolved.maximum !== undefined) variants.push(['above maximum', resolved.maximum + 1]);
      if (resolved.type === 'array') {
        const item = this.sample(resolved.items);
        variants.push([
          'too many items',
          Array(Math.min((resolved.maxItems ?? 1000) + 1, 5001)).fill(item),
        ]);
        variants.push(['an empty array', []]);
        variants.push(['items of the wrong type', ['text', 1, null]]);
      }
      for (const [what, value] of variants) {
        cases.push(json(`${name}: ${what}`, { ...(baseline() as object), [name]: value }));
      }
    }
    return cases;
  }
}

function multipartCases(
  base: Pick<CorpusCase, 'operation' | 'method' | 'legacy'>,
  url: string,
): CorpusCase[] {
  const boundary = 'corpus-boundary';
  const part = (field: string, content: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="a.csv"\r\n` +
    `Content-Type: text/csv\r\n\r\n${content}\r\n`;
  const form = (
    breaks: string,
    body: string,
    contentType = `multipart/form-data; boundary=${boundary}`,
  ) => ({
    ...base,
    breaks: `multipart: ${breaks}`,
    url,
    contentType,
    body,
  });
  return [
    form('no boundary in the content type', part('file', 'a,b\n'), 'multipart/form-data'),
    form('no closing boundary', part('file', 'knr,feature1\n')),
    form('truncated header', `--${boundary}\r\nContent-Disposition: form-da`),
    form('garbage', 'this is not multipart at all'),
    form('empty body', ''),
    form('wrong field name', `${part('other', 'a,b\n')}--${boundary}--\r\n`),
    form('two files', `${part('file', 'a\n')}${part('file', 'b\n')}--${boundary}--\r\n`),
    form(
      'NUL bytes in the file',
      `${part('file', 'knr\u0000,feature1\n\u0000\u0000')}--${boundary}--\r\n`,
    ),
    form('empty file', `${part('file', '')}--${boundary}--\r\n`),
    form(
      'field without a name',
      `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--${boundary}--\r\n`,
    ),
  ];
}
