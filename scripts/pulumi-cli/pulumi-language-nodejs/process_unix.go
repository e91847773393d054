//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"
)

// startInOwnGroup makes cmd the leader of a new process group, so one signal reaches the program
// and every process it starts. A separate group also means the engine's own signals to the host's
// group no longer reach the program directly: the host forwards them (see main's shutdown).
func startInOwnGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	setParentDeathSignal(cmd.SysProcAttr)
}

// interruptGroup sends SIGINT to p's process group.
func interruptGroup(p *os.Process) { _ = syscall.Kill(-p.Pid, syscall.SIGINT) }

// killGroup sends SIGKILL to p's process group.
func killGroup(p *os.Process) { _ = syscall.Kill(-p.Pid, syscall.SIGKILL) }
