#ifndef RULEC_CSQLITE_SHIM_H
#define RULEC_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type rulec_sqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics make
// every allocation take one process-wide mutex, which serialises connections
// working on different threads (PartitionedRead measured 70 ms on two cores
// with them, 50 without, 90 on one); rulec reads none of them.
static inline int rulec_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
