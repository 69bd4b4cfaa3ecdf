CASE
  WHEN (
    TYPEOF(PARSE_JSON("record")) = 'OBJECT'
    AND NOT (
      COALESCE(TYPEOF(GET(PARSE_JSON("record"), 'userIdentity')) = 'ARRAY', FALSE)
    )
    AND NOT (
      COALESCE(
        TYPEOF(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext')) = 'ARRAY',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        TYPEOF(
          GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer')
        ) = 'ARRAY',
        FALSE
      )
    )
    AND NOT (
      COALESCE(
        TYPEOF(
          GET(
            GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
            'type'
          )
        ) = 'ARRAY',
        FALSE
      )
    )
  )
  THEN (
    (
      (
        NOT GET(
          GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
          'type'
        ) IS NULL
        AND TYPEOF(
          GET(
            GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
            'type'
          )
        ) <> 'NULL_VALUE'
      )
      AND NOT (
        TYPEOF(
          GET(
            GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
            'type'
          )
        ) = 'ARRAY'
      )
    )
    AND (
      TYPEOF(
        GET(
          GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
          'type'
        )
      ) = 'VARCHAR'
      AND TO_CHAR(
        GET(
          GET(GET(GET(PARSE_JSON("record"), 'userIdentity'), 'sessionContext'), 'sessionIssuer'),
          'type'
        )
      ) = 'Role'
    )
  )
  ELSE ARRAY_SIZE(
    FILTER(
      FILTER(
        ARRAY_FLATTEN(
          TRANSFORM(
            ARRAY_FLATTEN(
              TRANSFORM(
                ARRAY_FLATTEN(
                  TRANSFORM(
                    ARRAY_FLATTEN(
                      TRANSFORM(
                        FILTER(
                          TRANSFORM(
                            FILTER(
                              ARRAY_FLATTEN(
                                TRANSFORM(
                                  ARRAY_FLATTEN(
                                    TRANSFORM(
                                      ARRAY_FLATTEN(
                                        TRANSFORM(
                                          ARRAY_FLATTEN(
                                            TRANSFORM(
                                              FILTER(
                                                TRANSFORM(
                                                  FILTER(
                                                    ARRAY_FLATTEN(
                                                      TRANSFORM(
                                                        ARRAY_FLATTEN(
                                                          TRANSFORM(
                                                            ARRAY_FLATTEN(
                                                              TRANSFORM(
                                                                ARRAY_FLATTEN(
                                                                  TRANSFORM(
                                                                    FILTER(
                                                                      TRANSFORM(
                                                                        FILTER(
                                                                          ARRAY_FLATTEN(
                                                                            TRANSFORM(
                                                                              ARRAY_FLATTEN(
                                                                                TRANSFORM(
                                                                                  ARRAY_FLATTEN(
                                                                                    TRANSFORM(
                                                                                      ARRAY_FLATTEN(
                                                                                        TRANSFORM(
                                                                                          FILTER(
                                                                                            TRANSFORM(
                                                                                              FILTER(
                                                                                                ARRAY_FLATTEN(
                                                                                                  TRANSFORM(
                                                                                                    ARRAY_FLATTEN(
                                                                                                      TRANSFORM(
                                                                                                        ARRAY_FLATTEN(
                                                                                                          TRANSFORM(
                                                                                                            ARRAY_FLATTEN(
                                                                                                              TRANSFORM(
                                                                                                                [PARSE_JSON("record")],
                                                                                                                x1 -> CASE WHEN TYPEOF(x1) = 'ARRAY' THEN AS_ARRAY(x1) ELSE [x1] END
                                                                                                              )
                                                                                                            ),
                                                                                                            x2 -> CASE WHEN TYPEOF(x2) = 'ARRAY' THEN AS_ARRAY(x2) ELSE [x2] END
                                                                                                          )
                                                                                                        ),
                                                                                                        x3 -> CASE WHEN TYPEOF(x3) = 'ARRAY' THEN AS_ARRAY(x3) ELSE [x3] END
                                                                                                      )
                                                                                                    ),
                                                                                                    x4 -> CASE WHEN TYPEOF(x4) = 'ARRAY' THEN AS_ARRAY(x4) ELSE [x4] END
                                                                                                  )
                                                                                                ),
                                                                                                x5 -> TYPEOF(x5) = 'OBJECT'
                                                                                              ),
                                                                                              x6 -> GET(x6, 'userIdentity')
                                                                                            ),
                                                                                            x7 -> NOT x7 IS NULL AND TYPEOF(x7) <> 'NULL_VALUE'
                                                                                          ),
                                                                                          x8 -> CASE WHEN TYPEOF(x8) = 'ARRAY' THEN AS_ARRAY(x8) ELSE [x8] END
                                                                                        )
                                                                                      ),
                                                                                      x9 -> CASE WHEN TYPEOF(x9) = 'ARRAY' THEN AS_ARRAY(x9) ELSE [x9] END
                                                                                    )
                                                                                  ),
                                                                                  x10 -> CASE WHEN TYPEOF(x10) = 'ARRAY' THEN AS_ARRAY(x10) ELSE [x10] END
                                                                                )
                                                                              ),
                                                                              x11 -> CASE WHEN TYPEOF(x11) = 'ARRAY' THEN AS_ARRAY(x11) ELSE [x11] END
                                                                            )
                                                                          ),
                                                                          x12 -> TYPEOF(x12) = 'OBJECT'
                                                                        ),
                                                                        x13 -> GET(x13, 'sessionContext')
                                                                      ),
                                                                      x14 -> NOT x14 IS NULL AND TYPEOF(x14) <> 'NULL_VALUE'
                                                                    ),
                                                                    x15 -> CASE WHEN TYPEOF(x15) = 'ARRAY' THEN AS_ARRAY(x15) ELSE [x15] END
                                                                  )
                                                                ),
                                                                x16 -> CASE WHEN TYPEOF(x16) = 'ARRAY' THEN AS_ARRAY(x16) ELSE [x16] END
                                                              )
                                                            ),
                                                            x17 -> CASE WHEN TYPEOF(x17) = 'ARRAY' THEN AS_ARRAY(x17) ELSE [x17] END
                                                          )
                                                        ),
                                                        x18 -> CASE WHEN TYPEOF(x18) = 'ARRAY' THEN AS_ARRAY(x18) ELSE [x18] END
                                                      )
                                                    ),
                                                    x19 -> TYPEOF(x19) = 'OBJECT'
                                                  ),
                                                  x20 -> GET(x20, 'sessionIssuer')
                                                ),
                                                x21 -> NOT x21 IS NULL AND TYPEOF(x21) <> 'NULL_VALUE'
                                              ),
                                              x22 -> CASE WHEN TYPEOF(x22) = 'ARRAY' THEN AS_ARRAY(x22) ELSE [x22] END
                                            )
                                          ),
                                          x23 -> CASE WHEN TYPEOF(x23) = 'ARRAY' THEN AS_ARRAY(x23) ELSE [x23] END
                                        )
                                      ),
                                      x24 -> CASE WHEN TYPEOF(x24) = 'ARRAY' THEN AS_ARRAY(x24) ELSE [x24] END
                                    )
                                  ),
                                  x25 -> CASE WHEN TYPEOF(x25) = 'ARRAY' THEN AS_ARRAY(x25) ELSE [x25] END
                                )
                              ),
                              x26 -> TYPEOF(x26) = 'OBJECT'
                            ),
                            x27 -> GET(x27, 'type')
                          ),
                          x28 -> NOT x28 IS NULL AND TYPEOF(x28) <> 'NULL_VALUE'
                        ),
                        x29 -> CASE WHEN TYPEOF(x29) = 'ARRAY' THEN AS_ARRAY(x29) ELSE [x29] END
                      )
                    ),
                    x30 -> CASE WHEN TYPEOF(x30) = 'ARRAY' THEN AS_ARRAY(x30) ELSE [x30] END
                  )
                ),
                x31 -> CASE WHEN TYPEOF(x31) = 'ARRAY' THEN AS_ARRAY(x31) ELSE [x31] END
              )
            ),
            x32 -> CASE WHEN TYPEOF(x32) = 'ARRAY' THEN AS_ARRAY(x32) ELSE [x32] END
          )
        ),
        x33 -> NOT x33 IS NULL AND TYPEOF(x33) <> 'NULL_VALUE'
      ),
      x34 -> TYPEOF(x34) = 'VARCHAR' AND TO_CHAR(x34) = 'Role'
    )
  ) > 0
END
