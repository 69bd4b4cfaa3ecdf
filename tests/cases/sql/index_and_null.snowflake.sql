NOT (
  ARRAY_SIZE(
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
                                                      x6 -> GET(x6, 'Records')
                                                    ),
                                                    x7 -> NOT x7 IS NULL AND TYPEOF(x7) <> 'NULL_VALUE'
                                                  ),
                                                  x8 -> TYPEOF(x8) = 'ARRAY'
                                                ),
                                                x9 -> GET(x9, 0)
                                              ),
                                              x10 -> NOT x10 IS NULL AND TYPEOF(x10) <> 'NULL_VALUE'
                                            ),
                                            x11 -> CASE WHEN TYPEOF(x11) = 'ARRAY' THEN AS_ARRAY(x11) ELSE [x11] END
                                          )
                                        ),
                                        x12 -> CASE WHEN TYPEOF(x12) = 'ARRAY' THEN AS_ARRAY(x12) ELSE [x12] END
                                      )
                                    ),
                                    x13 -> CASE WHEN TYPEOF(x13) = 'ARRAY' THEN AS_ARRAY(x13) ELSE [x13] END
                                  )
                                ),
                                x14 -> CASE WHEN TYPEOF(x14) = 'ARRAY' THEN AS_ARRAY(x14) ELSE [x14] END
                              )
                            ),
                            x15 -> TYPEOF(x15) = 'OBJECT'
                          ),
                          x16 -> GET(x16, 'errorCode')
                        ),
                        x17 -> NOT x17 IS NULL AND TYPEOF(x17) <> 'NULL_VALUE'
                      ),
                      x18 -> CASE WHEN TYPEOF(x18) = 'ARRAY' THEN AS_ARRAY(x18) ELSE [x18] END
                    )
                  ),
                  x19 -> CASE WHEN TYPEOF(x19) = 'ARRAY' THEN AS_ARRAY(x19) ELSE [x19] END
                )
              ),
              x20 -> CASE WHEN TYPEOF(x20) = 'ARRAY' THEN AS_ARRAY(x20) ELSE [x20] END
            )
          ),
          x21 -> CASE WHEN TYPEOF(x21) = 'ARRAY' THEN AS_ARRAY(x21) ELSE [x21] END
        )
      ),
      x22 -> NOT x22 IS NULL AND TYPEOF(x22) <> 'NULL_VALUE'
    )
  ) > 0
)
