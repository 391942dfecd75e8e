import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** For the TypeORM CLI (`migration:generate`): needs DATABASE_URL. The app itself uses DatabaseModule. */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to run TypeORM CLI commands');
export default new DataSource({
  ...typeormOptions(url, 2),
  entities: [join(__dirname, '..', '..', '**', '*.entity.js')],
});
