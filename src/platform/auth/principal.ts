import type { Role } from './user.entity';

/** Who is calling: attached to the request by the auth guard, read from the user row on every request. */
export interface Principal {
  /** The user, or the owner of the API key. */
  userId: number;
  username: string;
  role: Role;
  via: 'jwt' | 'api-key';
}
