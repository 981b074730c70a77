process.stdout.write('bench placeholder\n');
