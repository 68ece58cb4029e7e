// The main loop sleeps while nothing changes (main_loop.h); these wake it. The page calls
// lstm_wake() on input events (index.html); the runners' glue calls wake_main_loop() when a new
// snapshot arrives (a worker's message; natively the run's thread). Natively it may be called
// from any thread.
#pragma once

void wake_main_loop();

// True while the last frame before the loop sleeps is built: the status bar says "idle" then,
// since an fps figure would stand still on screen while no frames are drawn.
bool main_loop_falling_asleep();
