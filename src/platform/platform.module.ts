import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './config/app.config';
import { FirmEnvReader } from './config/firm-env.reader';
import { Clock, SystemClock } from './time/clock';

/** Typed configuration, the per-firm env reader and the clock, shared by every context. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig], cache: true })],
  providers: [
    { provide: FirmEnvReader, useFactory: () => new FirmEnvReader(process.env) },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [FirmEnvReader, Clock],
})
export class PlatformModule {}
