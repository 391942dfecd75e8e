import type { Role } from './user.entity';

/** Who is calling: attached to the request by the auth guard. */
export interface Principal {
  username: string;
  role: Role;
  via: 'jwt' | 'api-key';
}
