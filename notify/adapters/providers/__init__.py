"""Provider adapters: SMS, email and letter clients."""
