import { createContext, useContext } from 'react';
import type { Schemas } from '../api/client';

/** Who is logged in: a viewer sees every page and no admin control (the API refuses them anyway). */
export type Me = Schemas['CurrentUserResponseDto'];
export const MeContext = createContext<Me>({ username: '', role: 'viewer', via: 'jwt' });
export const useMe = () => useContext(MeContext);
export const useIsAdmin = () => useMe().role === 'admin';
