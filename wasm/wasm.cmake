# The shipped module: dist/parahash.js (+ .wasm, + .worker.js). One build serves Node and
# browsers. Every -s flag says why it is there.
add_executable(parahash_wasm
  wasm/bindings.cpp
  wasm/completion_ring.cpp
)
target_link_libraries(parahash_wasm PRIVATE parahash_core)
target_compile_options(parahash_wasm PRIVATE -Wall -Wextra)
set_target_properties(parahash_wasm PROPERTIES
  OUTPUT_NAME parahash
  SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_SOURCE_DIR}/dist
  LINK_DEPENDS "${PROJECT_SOURCE_DIR}/wasm/runtime_access.post.js;${PROJECT_SOURCE_DIR}/wasm/quiet_workers.pre.js;${PROJECT_SOURCE_DIR}/wasm/background_workers.pre.js"
)
target_link_options(parahash_wasm PRIVATE
  -lembind
  # A factory function, so each pool gets its own instance: a crashed pool is replaced by
  # instantiating again. EXPORT_NAME must not be "Module" with pthreads.
  -sMODULARIZE
  -sEXPORT_NAME=createParahash
  # "worker" is required with pthreads; node for the Node entry point.
  -sENVIRONMENT=web,worker,node
  # Workers are preloaded before the factory resolves, one per pool thread; the JS layer always
  # passes poolSize. (Joining before every thread started deadlocks: TOOLCHAIN.md §3.)
  -sPTHREAD_POOL_SIZE=Module.poolSize
  # Room for input staging and later memory-hard kernels; 2 GB keeps pointers positive.
  -sINITIAL_MEMORY=32MB
  -sALLOW_MEMORY_GROWTH
  -sMAXIMUM_MEMORY=2GB
  -Wno-pthreads-mem-growth
  # A library must not install process-wide uncaughtException/unhandledRejection handlers.
  -sNODEJS_CATCH_EXIT=0
  -sNODEJS_CATCH_REJECTION=0
  -sEXPORTED_RUNTIME_METHODS=HEAPU8
  -sEXPORTED_FUNCTIONS=_malloc,_free
  --post-js ${PROJECT_SOURCE_DIR}/wasm/runtime_access.post.js
  # In Node's pthread workers, emscripten writes straight to fd 2; see the file for why not.
  # SHELL: keeps both --pre-js flags (CMake drops a repeated option otherwise).
  "SHELL:--pre-js ${PROJECT_SOURCE_DIR}/wasm/quiet_workers.pre.js"
  # Workers run at a lower priority than the event loop; see the file.
  "SHELL:--pre-js ${PROJECT_SOURCE_DIR}/wasm/background_workers.pre.js"
)
