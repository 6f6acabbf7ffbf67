//go:build !linux

package main

// useHugePages does nothing: transparent huge pages are Linux's.
func useHugePages(int) {}
