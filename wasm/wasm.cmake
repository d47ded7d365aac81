# The shipped modules. The threaded build folder (PARAHASH_THREADS=ON) makes
#   dist/parahash.{js,wasm,worker.js}                     Node (CommonJS factory)
#   dist/browser/parahash-threads.{mjs,wasm,worker.js}    cross-origin-isolated pages (ES module)
# and the build folder without threads makes
#   dist/browser/parahash-single.{mjs,wasm}               every other page, inside one Web Worker
# Every -s flag says why it is there.

# What every module shares: the engine's bindings, the runtime internals the JS layer reads, and
# a runtime that an application's prototype pollution cannot reach (see the file).
set(PARAHASH_POST_JS ${PROJECT_SOURCE_DIR}/wasm/runtime_access.post.js)
set(PARAHASH_GUARD_JS ${PROJECT_SOURCE_DIR}/wasm/pollution_guard.post.js)
set(PARAHASH_COMMON_LINK
  -lembind
  # A factory function, so each pool gets its own instance: a crashed pool is replaced by
  # instantiating again. EXPORT_NAME must not be "Module" with pthreads.
  -sMODULARIZE
  -sEXPORT_NAME=createParahash
  # 32 MB to start; the heap grows as staging and the memory-hard KDFs (Argon2's blocks, scrypt's
  # V) need it, to 2 GB, which keeps every pointer a positive int32 in JS.
  -sINITIAL_MEMORY=32MB
  -sALLOW_MEMORY_GROWTH
  -sMAXIMUM_MEMORY=2GB
  -sEXPORTED_RUNTIME_METHODS=HEAPU8
  -sEXPORTED_FUNCTIONS=_malloc,_free
  # SHELL: keeps both --post-js flags (CMake drops a repeated option otherwise).
  "SHELL:--post-js ${PARAHASH_POST_JS}"
  "SHELL:--post-js ${PARAHASH_GUARD_JS}"
)

function(parahash_module target)
  cmake_parse_arguments(M "" "OUTPUT;DIRECTORY;SUFFIX" "LINK;DEPENDS;SOURCES" ${ARGN})
  add_executable(${target} wasm/bindings.cpp wasm/completion_ring.cpp ${M_SOURCES})
  target_link_libraries(${target} PRIVATE parahash_core)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${M_OUTPUT}
    SUFFIX ${M_SUFFIX}
    RUNTIME_OUTPUT_DIRECTORY ${M_DIRECTORY}
    LINK_DEPENDS "${PARAHASH_POST_JS};${PARAHASH_GUARD_JS};${M_DEPENDS}")
  target_link_options(${target} PRIVATE ${PARAHASH_COMMON_LINK} ${M_LINK})
endfunction()

if(PARAHASH_THREADS)
  # Node's threads hash through node:crypto where it is faster (host_kernels.cpp says why and
  # how); browsers have no such host, so only this module has the file.
  parahash_module(parahash_wasm OUTPUT parahash SUFFIX ".js" DIRECTORY ${PROJECT_SOURCE_DIR}/dist
    SOURCES wasm/host_kernels.cpp
    DEPENDS "${PROJECT_SOURCE_DIR}/wasm/quiet_workers.pre.js;${PROJECT_SOURCE_DIR}/wasm/background_workers.pre.js;${PROJECT_SOURCE_DIR}/wasm/host_crypto.post.js"
    LINK
      "SHELL:--post-js ${PROJECT_SOURCE_DIR}/wasm/host_crypto.post.js"
      # "worker" is required with pthreads; node for the Node entry point.
      -sENVIRONMENT=web,worker,node
      # Workers are preloaded before the factory resolves, one per pool thread; the JS layer
      # always passes poolSize. (Joining before every thread started deadlocks: TOOLCHAIN.md §3.)
      -sPTHREAD_POOL_SIZE=Module.poolSize
      -Wno-pthreads-mem-growth
      # A library must not install process-wide uncaughtException/unhandledRejection handlers.
      -sNODEJS_CATCH_EXIT=0
      -sNODEJS_CATCH_REJECTION=0
      # In Node's pthread workers, emscripten writes straight to fd 2; see the file for why not.
      # SHELL: keeps both --pre-js flags (CMake drops a repeated option otherwise).
      "SHELL:--pre-js ${PROJECT_SOURCE_DIR}/wasm/quiet_workers.pre.js"
      # Workers run at a lower priority than the event loop; see the file.
      "SHELL:--pre-js ${PROJECT_SOURCE_DIR}/wasm/background_workers.pre.js")

  # Browsers: an ES module, found by `new URL(…, import.meta.url)` or the page's locateFile.
  # Every pool thread's Worker is spawned before the factory resolves (PTHREAD_POOL_SIZE): a
  # pthread_create past the pre-spawned pool hangs on a browser's main thread
  # (emscripten #14202, #8969).
  parahash_module(parahash_web OUTPUT parahash-threads SUFFIX ".mjs" DIRECTORY ${PROJECT_SOURCE_DIR}/dist/browser
    LINK
      -sEXPORT_ES6
      -sENVIRONMENT=web,worker
      -sPTHREAD_POOL_SIZE=Module.poolSize
      -Wno-pthreads-mem-growth)
else()
  # No shared memory: runs where SharedArrayBuffer is missing, inside one dedicated Worker
  # (js/load/browser-worker.js), with an inline engine (Engine(0)).
  parahash_module(parahash_single OUTPUT parahash-single SUFFIX ".mjs" DIRECTORY ${PROJECT_SOURCE_DIR}/dist/browser
    LINK
      -sEXPORT_ES6
      -sENVIRONMENT=web,worker)
endif()
