//go:build linux

package main

import "syscall"

// setParentDeathSignal has the kernel SIGKILL the program if the host dies without stopping it
// (the host itself SIGKILLed). Because the program has its own process group, nothing else would
// reach it then. The kernel ties this to the thread that started the program; the Go runtime does
// not end threads that are not locked to a goroutine, and the host locks none.
func setParentDeathSignal(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGKILL }
