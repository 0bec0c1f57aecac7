import 'reflect-metadata';

// Keep test output readable: servers started by tests log only problems unless asked otherwise.
process.env.LOG_LEVEL ??= 'silent';
