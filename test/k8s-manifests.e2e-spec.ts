import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEnvironment } from '../src/config';
import { knownEnvironmentVariables } from './support/environment-names';
import {
  build,
  readEnvFile,
  readKustomization,
  readObjects,
  type KubeObject,
} from './support/kustomize';
import { createTestApp, type TestApp } from './support/test-app';
import { spawnWorkerProcess, type WorkerProcess } from './support/worker-process';

const ROOT = join(__dirname, '..');
const K8S = join(ROOT, 'deploy', 'k8s');
const BASE = join(K8S, 'base');
const OVERLAYS = ['dev', 'prod'].map((name) => join(K8S, 'overlays', name));
const SECRET_TEMPLATE = join(BASE, 'secret.env.example');

/**
 * The model class of every kind the manifests may use, by `apiVersion/kind`. (`validate()` comes from
 * @kubernetes-models/base, whose types this repo's `node` module resolution cannot see, hence `Validatable`.)
 */
interface Validatable {
  validate(): void;
}
const MODELS: Record<string, new (data: never) => unknown> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/** Which variable each entry point listens on (src/main.ts, src/worker.ts). */
const LISTEN_PORT_VARIABLE: Record<string, string> = {
  'dist/src/main.js': 'PORT',
  'dist/src/worker.js': 'WORKER_HEALTH_PORT',
};

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown }[];
  securityContext?: Record<string, unknown>;
  terminationGracePeriodSeconds?: number;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: PodSpec;
}

const yamlFilesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? yamlFilesUnder(join(dir, entry.name))
      : entry.name.endsWith('.yaml')
        ? [join(dir, entry.name)]
        : [],
  );
const templateOf = (object: KubeObject): PodTemplate =>
  (object.spec as { template: PodTemplate }).template;
const ofKind = (objects: KubeObject[], kind: string): KubeObject[] =>
  objects.filter((object) => object.kind === kind);
const named = (objects: KubeObject[], kind: string, name: string): KubeObject => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not in the build`);
  return found;
};
const configData = (objects: KubeObject[]): Record<string, string> =>
  named(objects, 'ConfigMap', 'ml-platform-config').data as Record<string, string>;
const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const probesOf = (container: Container): Probe[] =>
  [container.startupProbe, container.livenessProbe, container.readinessProbe].filter(
    (probe): probe is Probe => probe !== undefined,
  );
describe('Kubernetes manifests (deploy/k8s)', () => {
  const builds = [BASE, ...OVERLAYS].map((dir) => ({
    name: relative(K8S, dir),
    objects: build(dir, SECRET_TEMPLATE),
  }));
  const overlays = builds.slice(1);

  it('parses every YAML file and lists every base manifest in the base kustomization', () => {
    const files = yamlFilesUnder(K8S);
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) expect(readObjects(file).length, file).toBeGreaterThan(0);
    const listed = readKustomization(BASE).resources ?? [];
    const present = readdirSync(BASE).filter(
      (name) => name.endsWith('.yaml') && name !== 'kustomization.yaml',
    );
    expect([...listed].sort()).toEqual(present.sort());
  });

  it.each(builds)('$name: every object is valid against the Kubernetes schema', ({ objects }) => {
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `${object.apiVersion} ${object.kind} has no model here`).toBeDefined();
      expect(
        () => (new Model(object as never) as Validatable).validate(),
        object.metadata.name,
      ).not.toThrow();
    }
  });

  it('validation catches a broken manifest (the check can fail)', () => {
    const deployment = structuredClone(named(builds[0].objects, 'Deployment', 'ml-platform-api'));
    templateOf(deployment).spec.containers[0].ports = [{ containerPort: 'http' as never }];
    expect(() =>
      (new Deployment(deployment as never) as unknown as Validatable).validate(),
    ).toThrow(/containerPort/);
  });

  it.each(overlays)('$name: the overlay patches applied to the base', ({ name, objects }) => {
    const hpa = named(objects, 'HorizontalPodAutoscaler', 'ml-platform-api').spec as Record<
      string,
      number
    >;
    const worker = named(objects, 'Deployment', 'ml-platform-worker').spec as { replicas: number };
    const rules = named(objects, 'Ingress', 'ml-platform-api').spec as {
      rules: { host: string }[];
    };
    const namespace = ofKind(objects, 'Namespace')[0].metadata;
    expect(namespace.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    for (const object of objects)
      if (object.kind !== 'Namespace') expect(object.metadata.namespace).toBe(namespace.name);
    if (name.endsWith('prod')) {
      expect([hpa.minReplicas, hpa.maxReplicas, worker.replicas]).toEqual([3, 10, 3]);
      expect(rules.rules[0].host).toBe('ml-platform.example.com');
    } else {
      expect([hpa.minReplicas, hpa.maxReplicas, worker.replicas]).toEqual([1, 2, 1]);
      expect(rules.rules[0].host).toBe('ml-platform.dev.example.com');
      expect(configData(objects).LOG_LEVEL).toBe('debug');
      // A patched container keeps what the patch does not name (merge by name, not replace).
      const container = templateOf(named(objects, 'Deployment', 'ml-platform-worker')).spec
        .containers[0];
      expect(container.resources).toEqual({
        requests: { cpu: '250m', memory: '512Mi' },
        limits: { cpu: '2', memory: '1536Mi' },
      });
      expect(container.readinessProbe?.httpGet.path).toBe('/health/ready');
    }
  });

  it.each(overlays)('$name: images are pinned, configuration and secret resolve', ({ objects }) => {
    const names = new Set(objects.map((object) => `${object.kind}/${object.metadata.name}`));
    for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')])
      for (const container of templateOf(workload).spec.containers) {
        expect(container.image).toMatch(/^registry\.example\.com\/ml-platform:[\w.-]+$/);
        expect(container.image).not.toMatch(/:latest$/);
        for (const source of container.envFrom ?? []) {
          if (source.configMapRef) expect(names).toContain(`ConfigMap/${source.configMapRef.name}`);
          if (source.secretRef) expect(names).toContain(`Secret/${source.secretRef.name}`);
        }
      }
  });

  it.each(builds)(
    '$name: pods run restricted, with limits and writable emptyDirs only',
    ({ objects }) => {
      for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
        const pod = templateOf(workload).spec;
        expect(pod.securityContext, workload.metadata.name).toMatchObject({
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: 'RuntimeDefault' },
        });
        for (const container of pod.containers) {
          expect(container.securityContext).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
          expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual([
            'cpu',
            'memory',
          ]);
          expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
          // The paths the app writes: temp files (S3 upload spool, ONNX Runtime) and var/ (local storage).
          const mounts = new Map(container.volumeMounts?.map((m) => [m.mountPath, m.name]));
          for (const path of ['/tmp', '/app/var']) {
            const volume = pod.volumes?.find((v) => v.name === mounts.get(path));
            expect(volume?.emptyDir, `${workload.metadata.name} ${path}`).toBeDefined();
          }
        }
      }
    },
  );

  it.each(builds)(
    '$name: probes on the port the process listens on; services and budgets match pods',
    ({ objects }) => {
      const config = configData(objects);
      const deployments = ofKind(objects, 'Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
        'ml-platform-api',
        'ml-platform-worker',
      ]);
      for (const deployment of deployments) {
        const container = templateOf(deployment).spec.containers[0];
        const variable = LISTEN_PORT_VARIABLE[container.command.slice(1).join(' ')];
        expect(variable, container.command.join(' ')).toBeDefined();
        expect(container.livenessProbe?.httpGet.path).toBe('/health/live');
        expect(container.startupProbe?.httpGet.path).toBe('/health/live');
        expect(container.readinessProbe?.httpGet.path).toBe('/health/ready');
        for (const probe of probesOf(container)) {
          const port = container.ports?.find((p) => p.name === probe.httpGet.port);
          expect(port?.containerPort).toBe(Number(config[variable]));
        }
      }
      const apiLabels = templateOf(named(objects, 'Deployment', 'ml-platform-api')).metadata.labels;
      const service = named(objects, 'Service', 'ml-platform-api').spec as {
        selector: Record<string, string>;
        ports: { name: string; targetPort: string }[];
      };
      expect(selects(service.selector, apiLabels)).toBe(true);
      expect(
        templateOf(named(objects, 'Deployment', 'ml-platform-api')).spec.containers[0].ports?.map(
          (p) => p.name,
        ),
      ).toContain(service.ports[0].targetPort);
      for (const budget of ofKind(objects, 'PodDisruptionBudget')) {
        const selector = (budget.spec as { selector: { matchLabels: Record<string, string> } })
          .selector.matchLabels;
        expect(
          deployments.filter((d) => selects(selector, templateOf(d).metadata.labels)),
        ).toHaveLength(1);
      }
      const hpa = named(objects, 'HorizontalPodAutoscaler', 'ml-platform-api').spec as {
        scaleTargetRef: { name: string };
      };
      expect(hpa.scaleTargetRef.name).toBe('ml-platform-api');
      // The autoscaler owns the API's replica count; a fixed value would reset it on every apply.
      expect(
        (named(objects, 'Deployment', 'ml-platform-api').spec as Record<string, unknown>).replicas,
      ).toBeUndefined();
      const ingress = JSON.stringify(named(objects, 'Ingress', 'ml-platform-api').spec);
      expect(ingress).toContain('"service":{"name":"ml-platform-api","port":{"name":"http"}}');
    },
  );

  it.each(builds)(
    '$name: termination grace covers preStop and the shutdown it waits for',
    ({ objects }) => {
      const config = configData(objects);
      const preStopSeconds = (container: Container): number =>
        Number(container.lifecycle?.preStop?.exec?.command[1] ?? 0);
      const api = templateOf(named(objects, 'Deployment', 'ml-platform-api')).spec;
      const worker = templateOf(named(objects, 'Deployment', 'ml-platform-worker')).spec;
      expect(api.containers[0].lifecycle?.preStop?.exec?.command[0]).toBe('sleep');
      // The endpoint leaves the Service during preStop; in-flight requests then get at least 30 s more.
      expect(preStopSeconds(api.containers[0])).toBeGreaterThanOrEqual(5);
      expect(api.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
        preStopSeconds(api.containers[0]) + 30,
      );
      // A worker finishes its running jobs first; the grace period outlasts a job lock, so a job cut off is recovered.
      expect(worker.terminationGracePeriodSeconds).toBeGreaterThan(
        Number(config.QUEUE_LOCK_DURATION_MS) / 1000 + preStopSeconds(worker.containers[0]),
      );
    },
  );

  it.each(builds)(
    '$name: the migrate and seed Jobs run the CLI, seeding production data only',
    ({ objects }) => {
      const command = (name: string): string[] =>
        templateOf(named(objects, 'Job', name)).spec.containers[0].command;
      expect(command('ml-platform-migrate')).toEqual(['node', 'dist/src/cli.js', 'migrate', 'up']);
      expect(command('ml-platform-seed')).toEqual(['node', 'dist/src/cli.js', 'seed']);
      expect(JSON.stringify(objects)).not.toContain('--demo');
    },
  );

  it.each(builds)(
    '$name: every variable is one the config schema knows, and the set validates',
    ({ objects }) => {
      const known = knownEnvironmentVariables();
      const config = configData(objects);
      const secret = readEnvFile(SECRET_TEMPLATE);
      const containerEnv = [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')].flatMap(
        (w) => templateOf(w).spec.containers.flatMap((c) => c.env ?? []),
      );
      for (const name of [
        ...Object.keys(config),
        ...Object.keys(secret),
        ...containerEnv.map((e) => e.name),
      ])
        expect(known, `${name} is not in src/config/environment.schema.ts`).toContain(name);
      expect(known).not.toContain('NOT_A_SETTING');
      for (const role of ['api', 'worker'])
        expect(() =>
          validateEnvironment({ ...config, ...secret, PROCESS_ROLE: role }),
        ).not.toThrow();
    },
  );

  it('commits no secret values: no Secret manifest, secret.env files are git-ignored', () => {
    for (const file of yamlFilesUnder(K8S))
      for (const object of readObjects(file)) expect(object.kind, file).not.toBe('Secret');
    for (const overlay of OVERLAYS) {
      expect(readKustomization(overlay).secretGenerator?.[0].envs).toEqual(['secret.env']);
      const ignored = join(relative(ROOT, overlay), 'secret.env');
      expect(() =>
        execFileSync('git', ['check-ignore', '-q', ignored], { cwd: ROOT }),
      ).not.toThrow();
    }
    for (const value of Object.values(readEnvFile(SECRET_TEMPLATE)))
      expect(value).toContain('REPLACE_ME');
    expect(existsSync(SECRET_TEMPLATE)).toBe(true);
  });

  describe('probe paths are routes of the running processes', () => {
    let t: TestApp;
    let worker: WorkerProcess;
    const probePaths = (entry: string): string[] => [
      ...new Set(
        builds.flatMap(({ objects }) =>
          ofKind(objects, 'Deployment')
            .map((d) => templateOf(d).spec.containers[0])
            .filter((c) => c.command.includes(entry))
            .flatMap((c) => probesOf(c).map((probe) => probe.httpGet.path)),
        ),
      ),
    ];

    beforeAll(async () => {
      t = await createTestApp();
      worker = await spawnWorkerProcess({ ...t.variables, DB_MIGRATE_ON_START: 'false' });
      await worker.ready();
    });
    afterAll(async () => {
      await worker?.stop();
      await t?.close();
    });

    it('the API answers 200 on each of its probe paths', async () => {
      const paths = probePaths('dist/src/main.js');
      expect(paths.sort()).toEqual(['/health/live', '/health/ready']);
      for (const path of paths) await t.http.get(path).expect(200);
      await t.http.get('/health/nope').expect(404);
    });

    it('the worker answers 200 on each of its probe paths, on its health port', async () => {
      const paths = probePaths('dist/src/worker.js');
      expect(paths.sort()).toEqual(['/health/live', '/health/ready']);
      for (const path of paths)
        expect((await fetch(`http://127.0.0.1:${worker.port}${path}`)).status, path).toBe(200);
    });
  });
});
