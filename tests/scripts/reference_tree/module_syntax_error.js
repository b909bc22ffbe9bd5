// A syntax error in an imported module names that module's file, line and column.
import { first } from 'broken_mod';
print('never printed', first);
