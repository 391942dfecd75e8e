/** A configuration value is missing or malformed: the message names the variable. Stops start-up. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
