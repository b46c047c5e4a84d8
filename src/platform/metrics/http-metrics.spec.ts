import { describe, expect, it } from 'vitest';
import { routeLabelOf, type RoutedRequest } from './http-metrics';

const req = (extra: Partial<RoutedRequest>): RoutedRequest => extra as RoutedRequest;

describe('routeLabelOf', () => {
  it('is the route template, never the raw URL', () => {
    expect(routeLabelOf(req({ routeTemplate: '/api/v1/predictions/score' }), 200)).toBe(
      '/api/v1/predictions/score',
    );
    expect(
      routeLabelOf(req({ url: '/api/v1/jobs/123', route: { path: '/api/v1/jobs/:id' } }), 404),
    ).toBe('/api/v1/jobs/:id');
    expect(
      routeLabelOf(req({ baseUrl: '/admin/queues', route: { path: '/api/queues' } }), 200),
    ).toBe('/admin/queues/api/queues');
  });

  it('groups unknown paths and unrouted answers', () => {
    expect(routeLabelOf(req({ url: '/nope/1' }), 404)).toBe('(unmatched)');
    expect(routeLabelOf(req({ route: { path: '/{*all}' } }), 404)).toBe('(unmatched)');
    expect(routeLabelOf(req({ url: '/docs/swagger-ui.css' }), 200)).toBe('(other)');
  });
});
