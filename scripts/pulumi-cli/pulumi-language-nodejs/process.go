package main

import (
	"context"
	"errors"
	"os/exec"
	"time"
)

// stopGrace is how long a cancelled program has between SIGINT and SIGKILL. It is shorter than the
// 5 seconds the engine itself waits between interrupting and killing a plugin's process group
// (sdk/go/common/resource/plugin/plugin.go), so the host finishes stopping the program before the
// engine would kill the host.
const stopGrace = 3 * time.Second

// runProgram starts cmd in a process group of its own and waits for it. If ctx ends first (the
// engine cancelled the Run call, the host was interrupted, or the engine is gone), the whole group
// (node and anything it started) gets SIGINT, so the SDK can report and exit cleanly, and SIGKILL
// if it is still running grace later. cmd must not have been started.
func runProgram(ctx context.Context, cmd *exec.Cmd, grace time.Duration) error {
	startInOwnGroup(cmd)
	// A program that leaves a child holding its stdout must not keep Run waiting for ever.
	cmd.WaitDelay = grace
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		err := cmd.Wait()
		// Node exited 0 but something it started still held its output when the grace ran out:
		// the program succeeded (a failed exit would be an ExitError instead).
		if errors.Is(err, exec.ErrWaitDelay) {
			err = nil
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	interruptGroup(cmd.Process)
	select {
	case err := <-done:
		return err
	case <-time.After(grace):
	}
	killGroup(cmd.Process)
	return <-done
}
