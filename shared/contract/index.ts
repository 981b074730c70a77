export * from './calls';
export * from './envelope';
export * from './errors';
export * from './validation';
export * from './bridge';
export * from './access';
export * from './paths';
