// Placeholder so the target builds until the phase lands.
