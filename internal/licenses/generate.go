package licenses

//go:generate go run ./gen
