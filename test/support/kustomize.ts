import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A Kubernetes object as written in a manifest. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  secretGenerator?: { name: string; envs: string[] }[];
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNamedList = (list: unknown[]): boolean =>
  list.length > 0 && list.every((item) => isPlain(item) && typeof item.name === 'string');

/**
 * Strategic merge as kustomize applies it to the fields the overlays patch: maps merge key by key; lists of named
 * items (containers, env, ports, volumes, volumeMounts) merge by `name`; any other list is replaced.
 */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isPlain(base) && isPlain(patch)) {
    const merged: Plain = { ...base };
    for (const [key, value] of Object.entries(patch))
      merged[key] = strategicMerge(base[key], value);
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(patch) && isNamedList(base) && isNamedList(patch)) {
    const merged = base.map((item) => {
      const update = (patch as Plain[]).find((other) => other.name === (item as Plain).name);
      return update ? strategicMerge(item, update) : item;
    });
    const added = (patch as Plain[]).filter(
      (item) => !(base as Plain[]).some((other) => other.name === item.name),
    );
    return [...merged, ...added];
  }
  return patch;
}

/** Every document of a YAML file (comments and empty documents dropped). */
export function readObjects(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((document) => document.toJS() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

/** `KEY=value` lines of an env file; comments and blank lines skipped. */
export function readEnvFile(file: string): Record<string, string> {
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
}

export function readKustomization(dir: string): Kustomization {
  return parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
}

const sameTarget = (a: KubeObject, b: KubeObject): boolean =>
  a.kind === b.kind && a.metadata.name === b.metadata.name;

/** `image: name` → `newName:newTag` for every container of a pod template. */
function setImages(object: KubeObject, images: NonNullable<Kustomization['images']>): void {
  const spec = (object.spec as Plain | undefined)?.template as Plain | undefined;
  const containers = ((spec?.spec as Plain | undefined)?.containers ?? []) as Plain[];
  for (const container of containers) {
    const image = images.find((candidate) => candidate.name === container.image);
    if (image)
      container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
  }
}

/**
 * What `kubectl kustomize <dir>` builds, for the features these manifests use: resources (files and bases),
 * strategic-merge patches, images, namespace, and secretGenerator. A generated Secret is read from
 * `secretEnvFile` (the committed template, since real secret.env files are git-ignored) and keeps its plain name
 * (kustomize adds a content hash and rewrites references; the tests compare by plain name).
 */
export function build(dir: string, secretEnvFile: string): KubeObject[] {
  const kustomization = readKustomization(dir);
  let objects: KubeObject[] = (kustomization.resources ?? []).flatMap((resource) =>
    resource.endsWith('.yaml')
      ? readObjects(join(dir, resource))
      : build(join(dir, resource), secretEnvFile),
  );
  for (const generator of kustomization.secretGenerator ?? [])
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: generator.name },
      type: 'Opaque',
      stringData: readEnvFile(secretEnvFile),
    });
  for (const { path } of kustomization.patches ?? []) {
    const patch = readObjects(join(dir, path))[0];
    const index = objects.findIndex((object) => sameTarget(object, patch));
    if (index < 0)
      throw new Error(
        `${join(dir, path)} patches ${patch.kind}/${patch.metadata.name}, which is not in the build`,
      );
    objects[index] = strategicMerge(objects[index], patch) as KubeObject;
  }
  objects = objects.map((object) => structuredClone(object));
  for (const object of objects) {
    if (kustomization.images) setImages(object, kustomization.images);
    if (kustomization.namespace) {
      if (object.kind === 'Namespace') object.metadata.name = kustomization.namespace;
      else object.metadata.namespace = kustomization.namespace;
    }
  }
  return objects;
}
