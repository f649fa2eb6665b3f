#ifndef WARTA_BASE_CORES_H_
#define WARTA_BASE_CORES_H_

namespace warta {

// The cores this process may run on: its CPU affinity mask (taskset, cgroup
// cpusets), not every core the machine has. At least 1. The default for
// thread pools sized "one per core": a server pinned to one core runs one
// I/O thread, not one per core of the machine competing for that core.
int UsableCores();

}  // namespace warta

#endif  // WARTA_BASE_CORES_H_
