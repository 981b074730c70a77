#!/usr/bin/env node
require('../tdcs.cjs');
