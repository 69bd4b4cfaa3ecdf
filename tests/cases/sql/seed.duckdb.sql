NOT (
  (
    NOT (
      CASE
        WHEN (
          JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
          AND NOT (
            COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/Origin') = 'ARRAY', FALSE)
          )
        )
        THEN (
          (
            (
              NOT (
                CAST("record" AS JSON) -> '/Origin'
              ) IS NULL
              AND JSON_TYPE(CAST("record" AS JSON) -> '/Origin') <> 'NULL'
            )
            AND NOT (
              JSON_TYPE(CAST("record" AS JSON) -> '/Origin') = 'ARRAY'
            )
          )
          AND (
            JSON_TYPE(CAST("record" AS JSON) -> '/Origin') = 'VARCHAR'
            AND (
              (
                CAST("record" AS JSON) -> '/Origin'
              ) ->> '$'
            ) = 'AWS_KMS'
          )
        )
        ELSE LENGTH(
          LIST_FILTER(
            LIST_FILTER(
              FLATTEN(
                LIST_TRANSFORM(
                  FLATTEN(
                    LIST_TRANSFORM(
                      FLATTEN(
                        LIST_TRANSFORM(
                          FLATTEN(
                            LIST_TRANSFORM(
                              LIST_FILTER(
                                LIST_TRANSFORM(
                                  LIST_FILTER(
                                    FLATTEN(
                                      LIST_TRANSFORM(
                                        FLATTEN(
                                          LIST_TRANSFORM(
                                            FLATTEN(
                                              LIST_TRANSFORM(
                                                FLATTEN(
                                                  LIST_TRANSFORM(
                                                    [CAST("record" AS JSON)],
                                                    LAMBDA x1 : CASE WHEN JSON_TYPE(x1) = 'ARRAY' THEN x1 -> '$[*]' ELSE [x1] END
                                                  )
                                                ),
                                                LAMBDA x2 : CASE WHEN JSON_TYPE(x2) = 'ARRAY' THEN x2 -> '$[*]' ELSE [x2] END
                                              )
                                            ),
                                            LAMBDA x3 : CASE WHEN JSON_TYPE(x3) = 'ARRAY' THEN x3 -> '$[*]' ELSE [x3] END
                                          )
                                        ),
                                        LAMBDA x4 : CASE WHEN JSON_TYPE(x4) = 'ARRAY' THEN x4 -> '$[*]' ELSE [x4] END
                                      )
                                    ),
                                    LAMBDA x5 : JSON_TYPE(x5) = 'OBJECT'
                                  ),
                                  LAMBDA x6 : x6 -> '/Origin'
                                ),
                                LAMBDA x7 : NOT x7 IS NULL AND JSON_TYPE(x7) <> 'NULL'
                              ),
                              LAMBDA x8 : CASE WHEN JSON_TYPE(x8) = 'ARRAY' THEN x8 -> '$[*]' ELSE [x8] END
                            )
                          ),
                          LAMBDA x9 : CASE WHEN JSON_TYPE(x9) = 'ARRAY' THEN x9 -> '$[*]' ELSE [x9] END
                        )
                      ),
                      LAMBDA x10 : CASE WHEN JSON_TYPE(x10) = 'ARRAY' THEN x10 -> '$[*]' ELSE [x10] END
                    )
                  ),
                  LAMBDA x11 : CASE WHEN JSON_TYPE(x11) = 'ARRAY' THEN x11 -> '$[*]' ELSE [x11] END
                )
              ),
              LAMBDA x12 : NOT x12 IS NULL AND JSON_TYPE(x12) <> 'NULL'
            ),
            LAMBDA x13 : JSON_TYPE(x13) = 'VARCHAR' AND (
              x13 ->> '$'
            ) = 'AWS_KMS'
          )
        ) > 0
      END
    )
    OR NOT (
      CASE
        WHEN (
          JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
          AND NOT (
            COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/KeyManager') = 'ARRAY', FALSE)
          )
        )
        THEN (
          (
            (
              NOT (
                CAST("record" AS JSON) -> '/KeyManager'
              ) IS NULL
              AND JSON_TYPE(CAST("record" AS JSON) -> '/KeyManager') <> 'NULL'
            )
            AND NOT (
              JSON_TYPE(CAST("record" AS JSON) -> '/KeyManager') = 'ARRAY'
            )
          )
          AND (
            JSON_TYPE(CAST("record" AS JSON) -> '/KeyManager') = 'VARCHAR'
            AND (
              (
                CAST("record" AS JSON) -> '/KeyManager'
              ) ->> '$'
            ) = 'CUSTOMER'
          )
        )
        ELSE LENGTH(
          LIST_FILTER(
            LIST_FILTER(
              FLATTEN(
                LIST_TRANSFORM(
                  FLATTEN(
                    LIST_TRANSFORM(
                      FLATTEN(
                        LIST_TRANSFORM(
                          FLATTEN(
                            LIST_TRANSFORM(
                              LIST_FILTER(
                                LIST_TRANSFORM(
                                  LIST_FILTER(
                                    FLATTEN(
                                      LIST_TRANSFORM(
                                        FLATTEN(
                                          LIST_TRANSFORM(
                                            FLATTEN(
                                              LIST_TRANSFORM(
                                                FLATTEN(
                                                  LIST_TRANSFORM(
                                                    [CAST("record" AS JSON)],
                                                    LAMBDA x14 : CASE WHEN JSON_TYPE(x14) = 'ARRAY' THEN x14 -> '$[*]' ELSE [x14] END
                                                  )
                                                ),
                                                LAMBDA x15 : CASE WHEN JSON_TYPE(x15) = 'ARRAY' THEN x15 -> '$[*]' ELSE [x15] END
                                              )
                                            ),
                                            LAMBDA x16 : CASE WHEN JSON_TYPE(x16) = 'ARRAY' THEN x16 -> '$[*]' ELSE [x16] END
                                          )
                                        ),
                                        LAMBDA x17 : CASE WHEN JSON_TYPE(x17) = 'ARRAY' THEN x17 -> '$[*]' ELSE [x17] END
                                      )
                                    ),
                                    LAMBDA x18 : JSON_TYPE(x18) = 'OBJECT'
                                  ),
                                  LAMBDA x19 : x19 -> '/KeyManager'
                                ),
                                LAMBDA x20 : NOT x20 IS NULL AND JSON_TYPE(x20) <> 'NULL'
                              ),
                              LAMBDA x21 : CASE WHEN JSON_TYPE(x21) = 'ARRAY' THEN x21 -> '$[*]' ELSE [x21] END
                            )
                          ),
                          LAMBDA x22 : CASE WHEN JSON_TYPE(x22) = 'ARRAY' THEN x22 -> '$[*]' ELSE [x22] END
                        )
                      ),
                      LAMBDA x23 : CASE WHEN JSON_TYPE(x23) = 'ARRAY' THEN x23 -> '$[*]' ELSE [x23] END
                    )
                  ),
                  LAMBDA x24 : CASE WHEN JSON_TYPE(x24) = 'ARRAY' THEN x24 -> '$[*]' ELSE [x24] END
                )
              ),
              LAMBDA x25 : NOT x25 IS NULL AND JSON_TYPE(x25) <> 'NULL'
            ),
            LAMBDA x26 : JSON_TYPE(x26) = 'VARCHAR' AND (
              x26 ->> '$'
            ) = 'CUSTOMER'
          )
        ) > 0
      END
    )
    OR (
      CASE
        WHEN (
          JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
          AND NOT (
            COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/KeyRotationEnabled') = 'ARRAY', FALSE)
          )
        )
        THEN (
          (
            (
              NOT (
                CAST("record" AS JSON) -> '/KeyRotationEnabled'
              ) IS NULL
              AND JSON_TYPE(CAST("record" AS JSON) -> '/KeyRotationEnabled') <> 'NULL'
            )
            AND NOT (
              JSON_TYPE(CAST("record" AS JSON) -> '/KeyRotationEnabled') = 'ARRAY'
            )
          )
          AND (
            (
              JSON_TYPE(CAST("record" AS JSON) -> '/KeyRotationEnabled') = 'VARCHAR'
              AND (
                (
                  CAST("record" AS JSON) -> '/KeyRotationEnabled'
                ) ->> '$'
              ) = 'True'
            )
            OR (
              JSON_TYPE(CAST("record" AS JSON) -> '/KeyRotationEnabled') = 'BOOLEAN'
              AND (
                (
                  CAST("record" AS JSON) -> '/KeyRotationEnabled'
                ) ->> '$'
              ) = 'true'
            )
          )
        )
        ELSE LENGTH(
          LIST_FILTER(
            LIST_FILTER(
              FLATTEN(
                LIST_TRANSFORM(
                  FLATTEN(
                    LIST_TRANSFORM(
                      FLATTEN(
                        LIST_TRANSFORM(
                          FLATTEN(
                            LIST_TRANSFORM(
                              LIST_FILTER(
                                LIST_TRANSFORM(
                                  LIST_FILTER(
                                    FLATTEN(
                                      LIST_TRANSFORM(
                                        FLATTEN(
                                          LIST_TRANSFORM(
                                            FLATTEN(
                                              LIST_TRANSFORM(
                                                FLATTEN(
                                                  LIST_TRANSFORM(
                                                    [CAST("record" AS JSON)],
                                                    LAMBDA x27 : CASE WHEN JSON_TYPE(x27) = 'ARRAY' THEN x27 -> '$[*]' ELSE [x27] END
                                                  )
                                                ),
                                                LAMBDA x28 : CASE WHEN JSON_TYPE(x28) = 'ARRAY' THEN x28 -> '$[*]' ELSE [x28] END
                                              )
                                            ),
                                            LAMBDA x29 : CASE WHEN JSON_TYPE(x29) = 'ARRAY' THEN x29 -> '$[*]' ELSE [x29] END
                                          )
                                        ),
                                        LAMBDA x30 : CASE WHEN JSON_TYPE(x30) = 'ARRAY' THEN x30 -> '$[*]' ELSE [x30] END
                                      )
                                    ),
                                    LAMBDA x31 : JSON_TYPE(x31) = 'OBJECT'
                                  ),
                                  LAMBDA x32 : x32 -> '/KeyRotationEnabled'
                                ),
                                LAMBDA x33 : NOT x33 IS NULL AND JSON_TYPE(x33) <> 'NULL'
                              ),
                              LAMBDA x34 : CASE WHEN JSON_TYPE(x34) = 'ARRAY' THEN x34 -> '$[*]' ELSE [x34] END
                            )
                          ),
                          LAMBDA x35 : CASE WHEN JSON_TYPE(x35) = 'ARRAY' THEN x35 -> '$[*]' ELSE [x35] END
                        )
                      ),
                      LAMBDA x36 : CASE WHEN JSON_TYPE(x36) = 'ARRAY' THEN x36 -> '$[*]' ELSE [x36] END
                    )
                  ),
                  LAMBDA x37 : CASE WHEN JSON_TYPE(x37) = 'ARRAY' THEN x37 -> '$[*]' ELSE [x37] END
                )
              ),
              LAMBDA x38 : NOT x38 IS NULL AND JSON_TYPE(x38) <> 'NULL'
            ),
            LAMBDA x39 : (
              JSON_TYPE(x39) = 'VARCHAR' AND (
                x39 ->> '$'
              ) = 'True'
            )
            OR (
              JSON_TYPE(x39) = 'BOOLEAN' AND (
                x39 ->> '$'
              ) = 'true'
            )
          )
        ) > 0
      END
      AND CASE
        WHEN (
          JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
          AND NOT (
            COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/KeyState') = 'ARRAY', FALSE)
          )
        )
        THEN (
          (
            (
              NOT (
                CAST("record" AS JSON) -> '/KeyState'
              ) IS NULL
              AND JSON_TYPE(CAST("record" AS JSON) -> '/KeyState') <> 'NULL'
            )
            AND NOT (
              JSON_TYPE(CAST("record" AS JSON) -> '/KeyState') = 'ARRAY'
            )
          )
          AND (
            JSON_TYPE(CAST("record" AS JSON) -> '/KeyState') = 'VARCHAR'
            AND (
              (
                CAST("record" AS JSON) -> '/KeyState'
              ) ->> '$'
            ) = 'Enabled'
          )
        )
        ELSE LENGTH(
          LIST_FILTER(
            LIST_FILTER(
              FLATTEN(
                LIST_TRANSFORM(
                  FLATTEN(
                    LIST_TRANSFORM(
                      FLATTEN(
                        LIST_TRANSFORM(
                          FLATTEN(
                            LIST_TRANSFORM(
                              LIST_FILTER(
                                LIST_TRANSFORM(
                                  LIST_FILTER(
                                    FLATTEN(
                                      LIST_TRANSFORM(
                                        FLATTEN(
                                          LIST_TRANSFORM(
                                            FLATTEN(
                                              LIST_TRANSFORM(
                                                FLATTEN(
                                                  LIST_TRANSFORM(
                                                    [CAST("record" AS JSON)],
                                                    LAMBDA x40 : CASE WHEN JSON_TYPE(x40) = 'ARRAY' THEN x40 -> '$[*]' ELSE [x40] END
                                                  )
                                                ),
                                                LAMBDA x41 : CASE WHEN JSON_TYPE(x41) = 'ARRAY' THEN x41 -> '$[*]' ELSE [x41] END
                                              )
                                            ),
                                            LAMBDA x42 : CASE WHEN JSON_TYPE(x42) = 'ARRAY' THEN x42 -> '$[*]' ELSE [x42] END
                                          )
                                        ),
                                        LAMBDA x43 : CASE WHEN JSON_TYPE(x43) = 'ARRAY' THEN x43 -> '$[*]' ELSE [x43] END
                                      )
                                    ),
                                    LAMBDA x44 : JSON_TYPE(x44) = 'OBJECT'
                                  ),
                                  LAMBDA x45 : x45 -> '/KeyState'
                                ),
                                LAMBDA x46 : NOT x46 IS NULL AND JSON_TYPE(x46) <> 'NULL'
                              ),
                              LAMBDA x47 : CASE WHEN JSON_TYPE(x47) = 'ARRAY' THEN x47 -> '$[*]' ELSE [x47] END
                            )
                          ),
                          LAMBDA x48 : CASE WHEN JSON_TYPE(x48) = 'ARRAY' THEN x48 -> '$[*]' ELSE [x48] END
                        )
                      ),
                      LAMBDA x49 : CASE WHEN JSON_TYPE(x49) = 'ARRAY' THEN x49 -> '$[*]' ELSE [x49] END
                    )
                  ),
                  LAMBDA x50 : CASE WHEN JSON_TYPE(x50) = 'ARRAY' THEN x50 -> '$[*]' ELSE [x50] END
                )
              ),
              LAMBDA x51 : NOT x51 IS NULL AND JSON_TYPE(x51) <> 'NULL'
            ),
            LAMBDA x52 : JSON_TYPE(x52) = 'VARCHAR' AND (
              x52 ->> '$'
            ) = 'Enabled'
          )
        ) > 0
      END
    )
  )
)
