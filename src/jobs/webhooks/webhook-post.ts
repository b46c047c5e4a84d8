import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { publicOnlyLookup, webhookUrlProblem } from './webhook-target';

export interface WebhookPostOptions {
  timeoutMs: number;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: let webhooks reach loopback and private addresses. */
  allowPrivateNetworks: boolean;
}

/**
 * POSTs `body` to `url` and resolves with the receiver's status code. Redirects are not followed. Unless private
 * networks are allowed, the host must be, and resolve only to, public addresses.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: WebhookPostOptions,
): Promise<number> {
  if (!options.allowPrivateNetworks) {
    const problem = webhookUrlProblem(url);
    if (problem) return Promise.reject(new Error(problem));
  }
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMs),
        lookup: options.allowPrivateNetworks ? undefined : publicOnlyLookup(),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
