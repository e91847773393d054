//go:build !linux

package main

import "time"

// stopOrphanedPlugins does nothing outside Linux: finding the plugins relies on /proc.
func stopOrphanedPlugins(string, time.Duration) []int { return nil }
