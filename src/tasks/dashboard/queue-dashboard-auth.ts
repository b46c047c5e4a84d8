import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { API_KEY_HEADER, ApiKeyVerifier } from '../../common/auth/principal';
import { UserRole } from '../../common/auth/user-role';
import { UsersService } from '../../users/users.service';

const PASSWORD_CACHE_MS = 60_000;

/**
 * Admin-only access to the queue dashboard from a browser: HTTP Basic (admin username and password, or any
 * username with an admin API key as password) prompts natively; an `x-api-key` header works for tools.
 */
@Injectable()
export class QueueDashboardAuth {
  private readonly verifiedPasswords = new Map<string, number>();

  constructor(
    private readonly verifier: ApiKeyVerifier,
    private readonly users: UsersService,
    private readonly orm: MikroORM,
  ) {}

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    this.roleOf(req)
      .then((role) => {
        if (role === UserRole.Admin) return next();
        const status = role ? 403 : 401;
        if (!role)
          res.setHeader('WWW-Authenticate', 'Basic realm="Queue dashboard", charset="UTF-8"');
        res.status(status).json({
          statusCode: status,
          error: status === 401 ? 'Unauthorized' : 'Forbidden',
          message:
            status === 401
              ? 'The queue dashboard needs an admin login or API key'
              : 'The queue dashboard is for admins',
          requestId: String(req.headers['x-request-id'] ?? randomUUID()),
        });
      })
      .catch(next);
  };

  private async roleOf(req: Request): Promise<UserRole | null> {
    const headerKey = req.headers[API_KEY_HEADER];
    if (typeof headerKey === 'string') return (await this.verifier.verify(headerKey))?.role ?? null;
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!basic) return null;
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    if (separator < 0) return null;
    const [username, secret] = [decoded.slice(0, separator), decoded.slice(separator + 1)];
    const byKey = await this.verifier.verify(secret);
    if (byKey) return byKey.role;
    return this.passwordRole(username, secret);
  }

  private async passwordRole(username: string, password: string): Promise<UserRole | null> {
    const fingerprint = createHash('sha256').update(`${username}\0${password}`).digest('hex');
    if ((this.verifiedPasswords.get(fingerprint) ?? 0) > Date.now()) return UserRole.Admin;
    const user = await RequestContext.create(this.orm.em, () =>
      this.users.verifyPassword(username, password),
    );
    if (!user) return null;
    if (user.role === UserRole.Admin)
      this.verifiedPasswords.set(fingerprint, Date.now() + PASSWORD_CACHE_MS);
    return user.role;
  }
}
