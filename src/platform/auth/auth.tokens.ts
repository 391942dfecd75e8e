export const JWT_SECRET = Symbol('JWT_SECRET');
/** The process's LoginLockouts: one by username, one by client IP (plain classes, from the app config). */
export const LOGIN_LOCKOUTS = Symbol('LOGIN_LOCKOUTS');
