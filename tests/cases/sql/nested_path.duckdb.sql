CASE
  WHEN (
    JSON_TYPE(CAST("record" AS JSON)) = 'OBJECT'
    AND NOT (
      COALESCE(JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity') = 'ARRAY', FALSE)
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext') = 'ARRAY',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer') = 'ARRAY',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type') = 'ARRAY',
        FALSE
      )
    )
  )
  THEN (
    (
      (
        NOT (
          CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type'
        ) IS NULL
        AND JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type') <> 'NULL'
      )
      AND NOT (
        JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type') = 'ARRAY'
      )
    )
    AND (
      JSON_TYPE(CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type') = 'VARCHAR'
      AND (
        (
          CAST("record" AS JSON) -> '/userIdentity/sessionContext/sessionIssuer/type'
        ) ->> '$'
      ) = 'Role'
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
                                                                                              LAMBDA x6 : x6 -> '/userIdentity'
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
                                                                          LAMBDA x12 : JSON_TYPE(x12) = 'OBJECT'
                                                                        ),
                                                                        LAMBDA x13 : x13 -> '/sessionContext'
                                                                      ),
                                                                      LAMBDA x14 : NOT x14 IS NULL AND JSON_TYPE(x14) <> 'NULL'
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
                                                        LAMBDA x18 : CASE WHEN JSON_TYPE(x18) = 'ARRAY' THEN x18 -> '$[*]' ELSE [x18] END
                                                      )
                                                    ),
                                                    LAMBDA x19 : JSON_TYPE(x19) = 'OBJECT'
                                                  ),
                                                  LAMBDA x20 : x20 -> '/sessionIssuer'
                                                ),
                                                LAMBDA x21 : NOT x21 IS NULL AND JSON_TYPE(x21) <> 'NULL'
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
                                  LAMBDA x25 : CASE WHEN JSON_TYPE(x25) = 'ARRAY' THEN x25 -> '$[*]' ELSE [x25] END
                                )
                              ),
                              LAMBDA x26 : JSON_TYPE(x26) = 'OBJECT'
                            ),
                            LAMBDA x27 : x27 -> '/type'
                          ),
                          LAMBDA x28 : NOT x28 IS NULL AND JSON_TYPE(x28) <> 'NULL'
                        ),
                        LAMBDA x29 : CASE WHEN JSON_TYPE(x29) = 'ARRAY' THEN x29 -> '$[*]' ELSE [x29] END
                      )
                    ),
                    LAMBDA x30 : CASE WHEN JSON_TYPE(x30) = 'ARRAY' THEN x30 -> '$[*]' ELSE [x30] END
                  )
                ),
                LAMBDA x31 : CASE WHEN JSON_TYPE(x31) = 'ARRAY' THEN x31 -> '$[*]' ELSE [x31] END
              )
            ),
            LAMBDA x32 : CASE WHEN JSON_TYPE(x32) = 'ARRAY' THEN x32 -> '$[*]' ELSE [x32] END
          )
        ),
        LAMBDA x33 : NOT x33 IS NULL AND JSON_TYPE(x33) <> 'NULL'
      ),
      LAMBDA x34 : JSON_TYPE(x34) = 'VARCHAR' AND (
        x34 ->> '$'
      ) = 'Role'
    )
  ) > 0
END
