//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// stopOrphanedPlugins stops the resource provider plugins a dead engine left running, and returns
// their pids. The engine starts those (for dynamic resources, `pulumi-resource-pulumi-nodejs`, a
// shell script running node) itself, each as the leader of its own process group, and nothing in
// them watches the engine: after a SIGKILL of the CLI they would serve their port for ever. The
// host knows the engine's address, which the engine passes to every plugin as its last argument,
// so it can recognise them: a process group leader whose command names a pulumi-resource-* plugin
// and whose last argument is that address, with the host's own parent (the engine started both;
// after its death both were adopted by the same reaper). The parent check keeps the plugins of
// another engine that reuses the freed port out. Each such group gets SIGINT, then SIGKILL after
// grace.
// Call it only once the engine is known to be gone.
func stopOrphanedPlugins(engineAddress string, grace time.Duration) []int {
	var leaders []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue // gone meanwhile, or not ours to read
		}
		pgid, err := syscall.Getpgid(pid)
		if err != nil || pgid != pid || parentOf(pid) != os.Getppid() {
			continue
		}
		if isPluginOf(strings.Split(string(bytes.TrimRight(cmdline, "\x00")), "\x00"), engineAddress) {
			leaders = append(leaders, pid)
		}
	}
	for _, pid := range leaders {
		_ = syscall.Kill(-pid, syscall.SIGINT)
	}
	for deadline := time.Now().Add(grace); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if !anyGroupAlive(leaders) {
			return leaders
		}
	}
	for _, pid := range leaders {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
	return leaders
}

// isPluginOf reports whether argv is a resource provider plugin started by the engine at
// engineAddress: its program (or, for a script, the script its interpreter runs) is named
// pulumi-resource-*, and its last argument is the engine's address.
func isPluginOf(argv []string, engineAddress string) bool {
	if len(argv) < 2 || argv[len(argv)-1] != engineAddress {
		return false
	}
	for _, a := range argv[:min(2, len(argv)-1)] {
		if strings.HasPrefix(filepath.Base(a), "pulumi-resource-") {
			return true
		}
	}
	return false
}

// anyGroupAlive reports whether any of the process groups still has a member.
func anyGroupAlive(pgids []int) bool {
	for _, pgid := range pgids {
		if syscall.Kill(-pgid, 0) == nil {
			return true
		}
	}
	return false
}

// parentOf returns pid's parent pid from /proc/<pid>/stat, or -1 if it cannot be read.
func parentOf(pid int) int {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return -1
	}
	// "pid (comm) state ppid ...": comm may contain spaces and parentheses, so split after the last ')'.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	if len(fields) < 2 {
		return -1
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return -1
	}
	return ppid
}
