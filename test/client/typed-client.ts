/**
 * What a frontend team writes against the generated types (openapi-typescript + openapi-fetch). It is compiled,
 * not run, by `npm run openapi:client` under `tsc --strict`: if the document marks a defaulted parameter as
 * required, or gives a field no usable schema, this file stops compiling.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/openapi';

type TaskResult = components['schemas']['TaskDto']['result'];

export function platformClient(baseUrl: string, apiKey: string) {
  return createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });
}

/** The latest predictions: only `limit` given, the other paging and filter parameters keep their defaults. */
export async function latestPredictions(client: ReturnType<typeof platformClient>, limit: number) {
  const { data, error } = await client.GET('/api/v1/predictions', { params: { query: { limit } } });
  if (error) throw new Error(`${error.statusCode} ${error.error}: ${error.message}`);
  const total: number | null = data.total;
  return { total, probabilities: data.items.map((p) => p.probability) };
}

/** Every prediction, page by page with the keyset cursor (no count). */
export async function allPredictions(client: ReturnType<typeof platformClient>) {
  const probabilities: number[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET('/api/v1/predictions', {
      params: { query: { limit: 100, includeTotal: false, cursor } },
    });
    if (error) throw new Error(error.message);
    probabilities.push(...data.items.map((p) => p.probability));
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  return probabilities;
}

/** Scores one vehicle without storing it. */
export async function score(client: ReturnType<typeof platformClient>, feature1: number) {
  const { data, error } = await client.POST('/api/v1/predictions/score', {
    body: { feature1, feature2: 4.2, feature3: -1.8 },
  });
  if (error) throw new Error(error.message);
  const verdict: 0 | 1 = data.predictionResult === 1 ? 1 : 0;
  return { probability: data.probability, verdict };
}

/** A task's result, whatever its job returned; `null` until it succeeded. */
export async function taskResult(
  client: ReturnType<typeof platformClient>,
  id: string,
): Promise<TaskResult> {
  const { data, error } = await client.GET('/api/v1/tasks/{id}', { params: { path: { id } } });
  if (error) throw new Error(error.message);
  const attempts: number = data.attempts;
  return data.status === 'succeeded' && attempts > 0 ? data.result : null;
}

/** A result value as a housekeeping job reports it: the schema must accept it. */
export const exampleResult: TaskResult = { deleted: 3 };
