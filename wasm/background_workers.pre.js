// Hashing is background work; the event loop is the product. On Linux each pthread worker
// lowers its own thread's scheduling priority (nice +PARAHASH_WORKER_NICE, 10 unless set; 0
// leaves it as it is), so that when the cores are all busy the main thread — the event loop
// answering requests — runs first, and the workers take every cycle it leaves. setpriority()
// with a thread id changes that thread alone; /proc/thread-self names the calling thread.
if (Module['ENVIRONMENT_IS_PTHREAD'] && typeof process === 'object' && process.versions && process.versions.node &&
    process.platform === 'linux') {
  try {
    var parahashNice = Number(process.env.PARAHASH_WORKER_NICE === undefined ? 10 : process.env.PARAHASH_WORKER_NICE);
    if (parahashNice > 0 && parahashNice <= 19) {
      var parahashTid = Number(require('fs').readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
      if (parahashTid > 0) require('os').setPriority(parahashTid, parahashNice);
    }
  } catch (e) {
    // Not allowed or not there: the thread keeps the process's priority.
  }
}
