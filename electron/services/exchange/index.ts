// The exchange of .tdcs files: export.ts writes them, import.ts reads them in (with the judges of each kind beside it),
// peers.ts keeps who is trusted. The handler table imports from here.
export { discardUpload } from './common';
export { exportPackage } from './export';
export { applyImport, dryRunImport, exchangeHistory, returnDossier } from './import';
export { identity, revokePeer } from './peers';
