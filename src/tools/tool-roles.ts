import { UserRole } from '../common/auth/user-role';

/** Who may change tools, toolkits and record transactions; every key may read. */
export const TOOL_WRITERS = [UserRole.Admin, UserRole.Operator];
