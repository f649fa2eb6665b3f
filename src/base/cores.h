#ifndef WARTA_BASE_CORES_H_
#define WARTA_BASE_CORES_H_

namespace warta {

// The cores this process may run on: its CPU affinity mask (taskset, cgroup
// cpusets), not every core the machine has. At least 1. The default for
// thread pools sized "one per core": a server pinned to one core runs one
// I/O thread, not one per core of the machine competing for that core.
int UsableCores();

// Lowers the calling thread's scheduling priority by `steps` nice levels
// (Linux schedules each thread apart), for helpers of a thread on the
// critical path: where they compete for a core, it runs first. Only ever
// lowers (any thread may); false when the system refused.
bool LowerThisThreadsPriority(int steps);
// The calling thread's nice level.
int ThisThreadsNice();

}  // namespace warta

#endif  // WARTA_BASE_CORES_H_
