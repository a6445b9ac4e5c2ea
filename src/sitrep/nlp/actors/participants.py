def find_participants(*a, **k): raise NotImplementedError
