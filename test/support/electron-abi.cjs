// Loaded with `node --require` into a process that must behave like Electron's main process for the database driver:
// better-sqlite3's default build (compiled for Node's ABI) cannot be loaded, exactly as inside Electron, so any code
// path that opens a database without the Electron build (TDCS_NATIVE_BINDING) fails the way it fails for users.
'use strict';
const Module = require('node:module');
const load = Module._load;
Module._load = function loadOrRefuse(request, parent, isMain) {
  if (request === 'bindings' && parent && /better-sqlite3[\\/]lib[\\/]database\.js$/.test(parent.filename)) {
    return () => {
      throw new Error(
        "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. " +
          'This version of Node.js requires NODE_MODULE_VERSION 133 (the Electron build must be used: TDCS_NATIVE_BINDING).',
      );
    };
  }
  return load.call(this, request, parent, isMain);
};
