package ui

// Wheel scrolls the grid as up and down do, a row per line.
func (m *Matrix) Wheel(dy int) {
	m.top = clamp(m.top+dy, 0, max(len(m.res.Rows)-1, 0))
}
