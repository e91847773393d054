//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// startInOwnGroup does nothing where there are no process groups.
func startInOwnGroup(*exec.Cmd) {}

// interruptGroup interrupts p itself where there are no process groups.
func interruptGroup(p *os.Process) { _ = p.Signal(os.Interrupt) }

// killGroup kills p itself where there are no process groups.
func killGroup(p *os.Process) { _ = p.Kill() }
